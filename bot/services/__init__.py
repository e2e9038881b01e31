"""Services: one module per journey. Each call is one transaction of state plus outbox rows."""
