-- A model built only from other models (no source()): rebuilt whole on every run.
SELECT client_id, count(*) AS accounts, max(_ingested_at) AS _ingested_at
FROM {{ ref('stage.stg_dispositions__dispositions') }}
GROUP BY client_id
UNION ALL
-- a row without its business key: quarantined, not stored
SELECT CAST(NULL AS BIGINT), 0, max(_ingested_at) FROM {{ ref('stage.stg_dispositions__dispositions') }}
