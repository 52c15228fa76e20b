-- Core-banking transactions up to the as-of date, one row per transaction and customer holding
-- its account (owner or user disposition), so every holder sees the account's activity. A build
-- after the first recomputes only the transactions fct_transactions.affected.sql finds (in_scope).
-- The holders are broadcast: the transactions keep the order of their stage files (ranges of
-- trans_id) instead of being shuffled by account, so a build by key finds a range of new
-- transactions' stored rows in a few files. The broadcast is ~60 bytes per holder (7 MB at 100,000
-- customers); at tens of millions of accounts drop the hint and let the join shuffle.
WITH holders AS (
  SELECT d.account_id, i.customer_id, min(d.disposition_type) AS holder_role
  FROM stage.stg_dispositions__dispositions d
  JOIN {{ ref('customer_identity') }} i
    ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(d.client_id AS STRING)
  GROUP BY d.account_id, i.customer_id
)
SELECT /*+ BROADCAST(h) */
  concat(cast(t.trans_id AS STRING), '|', coalesce(h.customer_id, '-')) AS transaction_holder_id,
  t.trans_id,
  h.customer_id,
  t.account_id,
  h.holder_role,
  t.transaction_date,
  t.type,
  t.operation,
  t.amount,
  t.balance,
  t.k_symbol,
  t.type = 'credit' AS is_credit,
  t.type = 'debit'  AS is_debit
FROM stage.stg_core__transactions t
LEFT JOIN holders h ON h.account_id = t.account_id
WHERE t.transaction_date <= DATE '{{ var('as_of') }}' AND {{ in_scope('t.trans_id') }}
