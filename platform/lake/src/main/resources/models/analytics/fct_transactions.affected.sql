-- The transactions to recompute: those new or changed since the last build, and every transaction
-- of an account whose holders changed: a disposition of it added or changed (as it is now and as it
-- was), or its client's record resolved to another customer.
WITH moved AS (
  SELECT account_id FROM {{ changed('stage.stg_dispositions__dispositions') }}
  UNION
  SELECT account_id FROM {{ previous('stage.stg_dispositions__dispositions') }}
  WHERE disp_id IN (SELECT disp_id FROM {{ changed('stage.stg_dispositions__dispositions') }})
  UNION
  SELECT d.account_id FROM stage.stg_dispositions__dispositions d
  JOIN {{ changed('customer_identity', 'source, entity, record_key, customer_id') }} i
    ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(d.client_id AS STRING)
)
SELECT trans_id FROM {{ changed('stage.stg_core__transactions') }}
UNION
SELECT /*+ BROADCAST(m) */ t.trans_id FROM stage.stg_core__transactions t JOIN moved m ON m.account_id = t.account_id
