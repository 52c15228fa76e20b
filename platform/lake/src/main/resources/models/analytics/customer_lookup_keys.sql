-- Every key a customer can be looked up by: each source record key from identity resolution
-- (kind = source system), and the e-mails, phones and CPFs of all the customer's CRM records and
-- retail contacts (not only the golden record's). A build after the first recomputes only the
-- customers customer_lookup_keys.affected.sql finds (in_scope).
WITH identity AS (
  SELECT source, entity, record_key, customer_id FROM {{ ref('customer_identity') }}
  WHERE {{ in_scope('customer_id') }}
),
crm AS (
  SELECT i.customer_id, c.email, c.email_valid, c.phone, c.national_id, c.national_id_valid
  FROM identity i
  JOIN stage.stg_crm__customers c
    ON i.source = 'crm' AND i.entity = 'customers' AND i.record_key = cast(c.client_id AS STRING)
),
keys AS (
  SELECT customer_id, source AS kind, record_key AS key FROM identity
  UNION ALL SELECT customer_id, 'email', email FROM crm WHERE coalesce(email_valid, true)
  UNION ALL SELECT customer_id, 'phone', regexp_replace(phone, '[^0-9]', '') FROM crm
  UNION ALL SELECT customer_id, 'cpf', national_id FROM crm WHERE coalesce(national_id_valid, true)
  UNION ALL
  SELECT i.customer_id, 'email', o.contact_email
  FROM identity i
  JOIN stage.stg_retail__orders o
    ON i.source = 'retail' AND i.entity = 'orders' AND i.record_key = cast(o.row_id AS STRING)
  WHERE coalesce(o.contact_email_valid, true)
)
SELECT DISTINCT concat(kind, ':', key, '>', customer_id) AS lookup_key_id, customer_id, kind, key
FROM keys
WHERE customer_id IS NOT NULL AND nullif(trim(key), '') IS NOT NULL
