"""SQLite: the connection, migrations, and the SQL of each table (repositories)."""
