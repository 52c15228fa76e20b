-- Dispositions: which client holds which account in which role. One row per disp_id.
WITH src AS (
  SELECT * FROM {{ source('dispositions','dispositions') }}
)
SELECT
  cast(disp_id AS BIGINT)                         AS disp_id,
  cast(account_id AS BIGINT)                      AS account_id,
  cast(client_id AS BIGINT)                       AS client_id,
  lower(trim(type))                               AS disposition_type,
  concat_ws('; ',
    CASE WHEN cast(disp_id AS BIGINT) IS NULL THEN concat('disp_id: \'', coalesce(disp_id, 'null'), '\' is not an integer') END,
    CASE WHEN cast(account_id AS BIGINT) IS NULL THEN concat('account_id: \'', coalesce(account_id, 'null'), '\' is not an integer') END,
    CASE WHEN cast(client_id AS BIGINT) IS NULL THEN concat('client_id: \'', coalesce(client_id, 'null'), '\' is not an integer') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM src
