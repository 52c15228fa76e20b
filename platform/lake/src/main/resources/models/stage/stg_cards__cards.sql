-- Card origination extract (headerless file drops). One row per card_id.
WITH src AS (
  SELECT * FROM {{ source('cards','cards') }}
)
SELECT
  trim(card_id)                                   AS card_id,
  cast(disp_id AS BIGINT)                         AS disp_id,
  lower(trim(type))                               AS card_type,
  cast(issued_datetime AS TIMESTAMP)              AS issued_at,
  concat_ws('; ',
    CASE WHEN NOT coalesce(trim(card_id) RLIKE '^[0-9]{12,19}$', false) THEN concat('card_id: \'', coalesce(card_id, 'null'), '\' is not a card number of 12 to 19 digits') END,
    CASE WHEN cast(disp_id AS BIGINT) IS NULL THEN concat('disp_id: \'', coalesce(disp_id, 'null'), '\' is not an integer') END,
    CASE WHEN issued_datetime IS NOT NULL AND cast(issued_datetime AS TIMESTAMP) IS NULL THEN concat('issued_datetime: \'', issued_datetime, '\' is not a timestamp yyyy-MM-ddTHH:mm:ss[.ffffff]') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM src
