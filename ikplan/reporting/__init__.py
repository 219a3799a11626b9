"""Reporting: one context builder, Swedish sentences, templates rendered to md, html and docx."""
