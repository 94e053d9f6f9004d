"""Tests of kg.viz (pages, views, analytics, browser)."""
