"""The harness: everything that starts processes (snippet runner, contract checker, services,
environments, upstream, load generation, the browser). It never imports the site."""
