-- Schema version 4: the journal's own settings, kept inside the encrypted
-- database (the app lock's passphrase hash among them). Shipped: never edit.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
