-- A probe model whose raw batch carries one violation for every test type.
SELECT
  cast(account_id AS BIGINT)      AS account_id,
  cast(branch_id AS BIGINT)       AS branch_id,
  frequency                       AS frequency_code,
  cast(date_of_creation AS TIMESTAMP) AS created_at,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM {{ source('accounts','accounts') }}
