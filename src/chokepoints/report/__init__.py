"""Reports: tables and figures for people (terminal tables, CSV, JSON; plots later)."""
