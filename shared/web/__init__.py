"""What every service's web app has: app factory, errors, limits, health, admin, login, templates."""
