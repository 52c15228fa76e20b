-- The transactions to recompute: those new or changed since the last build, and every transaction
-- of an account whose holders changed (a disposition added, moved or gone; its client's record
-- resolved to another customer).
WITH holders AS (
  SELECT d.account_id, i.customer_id, d.disposition_type
  FROM stage.stg_dispositions__dispositions d
  JOIN {{ ref('customer_identity') }} i
    ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(d.client_id AS STRING)
),
holders_before AS (
  SELECT d.account_id, i.customer_id, d.disposition_type
  FROM {{ previous('stage.stg_dispositions__dispositions') }} d
  JOIN {{ previous('customer_identity') }} i
    ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(d.client_id AS STRING)
),
moved AS (
  SELECT account_id FROM (SELECT * FROM holders EXCEPT SELECT * FROM holders_before)
  UNION
  SELECT account_id FROM (SELECT * FROM holders_before EXCEPT SELECT * FROM holders)
)
SELECT trans_id FROM {{ changed('stage.stg_core__transactions') }}
UNION
SELECT /*+ BROADCAST(m) */ t.trans_id FROM stage.stg_core__transactions t JOIN moved m ON m.account_id = t.account_id
