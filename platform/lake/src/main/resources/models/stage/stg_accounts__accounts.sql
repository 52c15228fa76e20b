-- Account origination extract (headerless file drops). One row per account_id.
WITH src AS (
  SELECT * FROM {{ source('accounts','accounts') }}
)
SELECT
  cast(account_id AS BIGINT)                      AS account_id,
  cast(branch_id AS BIGINT)                       AS branch_id,
  upper(trim(frequency))                          AS frequency_code,
  CASE upper(trim(frequency)) WHEN 'MI' THEN 'monthly' WHEN 'WI' THEN 'weekly' WHEN 'TI' THEN 'after transaction' END AS frequency,
  cast(date_of_creation AS TIMESTAMP)             AS created_at,
  concat_ws('; ',
    CASE WHEN cast(account_id AS BIGINT) IS NULL THEN concat('account_id: \'', coalesce(account_id, 'null'), '\' is not an integer') END,
    CASE WHEN branch_id IS NOT NULL AND cast(branch_id AS BIGINT) IS NULL THEN concat('branch_id: \'', branch_id, '\' is not an integer') END,
    CASE WHEN upper(trim(frequency)) NOT IN ('MI', 'WI', 'TI') THEN concat('frequency: \'', frequency, '\' is not one of MI, WI, TI') END,
    CASE WHEN date_of_creation IS NOT NULL AND cast(date_of_creation AS TIMESTAMP) IS NULL THEN concat('date_of_creation: \'', date_of_creation, '\' is not a timestamp yyyy-MM-ddTHH:mm:ss[.ffffff]') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM src
