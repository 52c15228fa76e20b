-- Core-banking transactions (JDBC extracts as Parquet). One row per trans_id, latest by updated_at.
WITH src AS (
  SELECT * FROM {{ source('core','transactions') }}
)
SELECT
  cast(trans_id AS BIGINT)                        AS trans_id,
  cast(account_id AS BIGINT)                      AS account_id,
  cast(date AS DATE)                              AS transaction_date,
  lower(trim(type))                               AS type,
  upper(trim(operation))                          AS operation_code,
  CASE upper(trim(operation))
    WHEN 'CCW' THEN 'credit card withdrawal'
    WHEN 'CCK' THEN 'credit in cash'
    WHEN 'CAB' THEN 'collection from another bank'
    WHEN 'WCA' THEN 'withdrawal in cash'
    WHEN 'RAB' THEN 'remittance to another bank'
  END                                             AS operation,
  cast(amount AS DECIMAL(14,2))                   AS amount,
  cast(balance AS DECIMAL(14,2))                  AS balance,
  nullif(trim(k_symbol), '')                      AS k_symbol,
  cast(updated_at AS TIMESTAMP)                   AS updated_at,
  concat_ws('; ',
    CASE WHEN cast(trans_id AS BIGINT) IS NULL THEN concat('trans_id: \'', coalesce(trans_id, 'null'), '\' is not an integer') END,
    CASE WHEN cast(account_id AS BIGINT) IS NULL THEN concat('account_id: \'', coalesce(account_id, 'null'), '\' is not an integer') END,
    CASE WHEN cast(date AS DATE) IS NULL THEN concat('date: \'', coalesce(date, 'null'), '\' is not a date') END,
    CASE WHEN lower(trim(type)) NOT IN ('credit', 'debit') OR type IS NULL THEN concat('type: \'', coalesce(type, 'null'), '\' is not credit or debit') END,
    CASE WHEN operation IS NOT NULL AND upper(trim(operation)) NOT IN ('CCW', 'CCK', 'CAB', 'WCA', 'RAB') THEN concat('operation: \'', operation, '\' is not one of CCW, CCK, CAB, WCA, RAB') END,
    CASE WHEN cast(amount AS DECIMAL(14,2)) IS NULL THEN concat('amount: \'', coalesce(amount, 'null'), '\' is not a number') END,
    CASE WHEN cast(balance AS DECIMAL(14,2)) IS NULL THEN concat('balance: \'', coalesce(balance, 'null'), '\' is not a number') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM src
