"""Delivery: daily briefings and announcements, paced and fault-tolerant, from the database."""
