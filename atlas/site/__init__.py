"""The site: the table model, renderers, exports, embeds and the static server. It never
imports the harness."""
