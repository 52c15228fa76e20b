-- GA360 hits, one row per hit of a session, with page and product fields.
WITH src AS (
  SELECT * FROM {{ source('web','sessions') }}
),
hits AS (
  SELECT s.*, hit
  FROM src s
  LATERAL VIEW explode(s.hits) h AS hit
)
SELECT
  concat(trim(fullVisitorId), '-', visitId)      AS session_id,
  cast(hit.hitNumber AS INT)                      AS hit_number,
  trim(fullVisitorId)                             AS full_visitor_id,
  timestamp_millis(cast(visitStartTime AS BIGINT) * 1000 + coalesce(cast(hit.time AS BIGINT), 0)) AS hit_at,
  lower(hit.type)                                 AS hit_type,
  cast(hit.isEntrance AS BOOLEAN)                 AS is_entrance,
  cast(hit.isExit AS BOOLEAN)                     AS is_exit,
  hit.page.pagePath                               AS page_path,
  hit.page.pageTitle                              AS page_title,
  hit.page.hostname                               AS hostname,
  cast(hit.eCommerceAction.action_type AS INT)    AS ecommerce_action_type,
  hit.transaction.transactionId                   AS transaction_id,
  size(coalesce(hit.product, array()))            AS product_count,
  transform(hit.product, p -> p.productSKU)       AS product_skus,
  transform(hit.product, p -> p.v2ProductName)    AS product_names,
  transform(hit.product, p -> p.v2ProductCategory) AS product_categories,
  aggregate(coalesce(hit.product, array()), cast(0 AS DECIMAL(20,6)),
            (acc, p) -> cast(acc + coalesce(cast(p.productPrice AS DECIMAL(20,0)) / 1000000, 0) AS DECIMAL(20,6))) AS product_price_total,
  concat_ws('; ',
    CASE WHEN NOT coalesce(trim(fullVisitorId) RLIKE '^[0-9]+$', false) THEN concat('fullVisitorId: \'', coalesce(fullVisitorId, 'null'), '\' is not a numeric visitor id') END,
    CASE WHEN cast(visitStartTime AS BIGINT) IS NULL THEN concat('visitStartTime: \'', coalesce(visitStartTime, 'null'), '\' is not epoch seconds') END,
    CASE WHEN cast(hit.hitNumber AS INT) IS NULL THEN concat('hits.hitNumber: \'', coalesce(hit.hitNumber, 'null'), '\' is not an integer') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM hits
