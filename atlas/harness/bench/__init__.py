"""Benchmarks the project measures itself: the task snippets, under their production servers,
driven by wrk on another CPU, beside an nginx ceiling measured in the same run."""
