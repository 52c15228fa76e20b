-- The profile store (database c360, schema serving). Created on first use; every statement is
-- idempotent so several processes can open the store at the same time.
CREATE SCHEMA IF NOT EXISTS serving;

-- One row per publish. Exactly one row is current: the version readers are served.
CREATE TABLE IF NOT EXISTS serving.profile_versions (
  version      BIGINT PRIMARY KEY,
  run_id       TEXT NOT NULL,
  published_at TIMESTAMPTZ NOT NULL,
  customers    BIGINT NOT NULL,
  inserted     BIGINT NOT NULL,
  updated      BIGINT NOT NULL,
  deleted      BIGINT NOT NULL,
  is_current   BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS profile_versions_one_current ON serving.profile_versions (is_current) WHERE is_current;

-- One row per customer of the current version. version = the publish that last wrote the row.
-- Documents (~2 KB) stay in the row uncompressed (toast_tuple_target, set below so that stores
-- created before it get it too): a publish writes them at twice the speed and a lookup reads one
-- tuple, for ~1.7x the disk of compressed documents.
CREATE TABLE IF NOT EXISTS serving.profiles (
  customer_id TEXT PRIMARY KEY,
  name        TEXT,
  version     BIGINT NOT NULL,
  doc         JSON NOT NULL,
  doc_hash    TEXT NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL
);
ALTER TABLE serving.profiles SET (toast_tuple_target = 8160);

-- Every key a customer can be looked up by: kind = source name (crm, dispositions, retail, web, ...)
-- or email / phone / cpf, key = the normalized value.
-- The primary key leads with key: it serves lookups by key alone and by kind and key.
CREATE TABLE IF NOT EXISTS serving.profile_keys (
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (key, kind, customer_id)
);
CREATE INDEX IF NOT EXISTS profile_keys_customer ON serving.profile_keys (customer_id);

CREATE TABLE IF NOT EXISTS serving.branch_customers (
  branch_id   TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (branch_id, customer_id)
);
CREATE INDEX IF NOT EXISTS branch_customers_customer ON serving.branch_customers (customer_id);
