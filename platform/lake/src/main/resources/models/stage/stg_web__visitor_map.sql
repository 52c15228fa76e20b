-- Web visitor map: which web visitor id belongs to which bank client (many-to-many).
WITH src AS (
  SELECT * FROM {{ source('web','visitor_map') }}
)
SELECT
  trim(full_visitor_id)                           AS full_visitor_id,
  cast(client_id AS BIGINT)                       AS client_id,
  concat_ws('; ',
    CASE WHEN NOT coalesce(trim(full_visitor_id) RLIKE '^[0-9]+$', false) THEN concat('full_visitor_id: \'', coalesce(full_visitor_id, 'null'), '\' is not a numeric visitor id') END,
    CASE WHEN cast(client_id AS BIGINT) IS NULL THEN concat('client_id: \'', coalesce(client_id, 'null'), '\' is not an integer') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM src
