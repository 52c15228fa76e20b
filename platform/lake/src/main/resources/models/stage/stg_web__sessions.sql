-- GA360 sessions export, one row per session (fullVisitorId + visitId).
WITH src AS (
  SELECT * FROM {{ source('web','sessions') }}
),
conformed AS (
  SELECT *,
    cast(visitId AS BIGINT) AS visit_id_n,
    cast(visitStartTime AS BIGINT) AS start_s
  FROM src
)
SELECT
  concat(trim(fullVisitorId), '-', visitId)      AS session_id,
  trim(fullVisitorId)                             AS full_visitor_id,
  visit_id_n                                      AS visit_id,
  cast(visitNumber AS INT)                        AS visit_number,
  timestamp_seconds(start_s)                      AS visit_start_at,
  to_date(date, 'yyyyMMdd')                       AS session_date,
  nullif(channelGrouping, '(Other)')              AS channel_grouping,
  nullif(nullif(trafficSource.source, '(not set)'), 'not available in demo dataset')   AS traffic_source,
  nullif(nullif(trafficSource.medium, '(not set)'), '(none)')                          AS traffic_medium,
  nullif(trafficSource.campaign, '(not set)')    AS campaign,
  device.deviceCategory                           AS device_category,
  nullif(device.browser, 'not available in demo dataset')          AS browser,
  nullif(device.operatingSystem, 'not available in demo dataset')  AS operating_system,
  cast(device.isMobile AS BOOLEAN)                AS is_mobile,
  nullif(geoNetwork.country, 'not available in demo dataset')      AS country,
  nullif(geoNetwork.region, 'not available in demo dataset')       AS region,
  nullif(geoNetwork.city, 'not available in demo dataset')         AS city,
  cast(totals.hits AS INT)                        AS hits,
  cast(totals.pageviews AS INT)                   AS pageviews,
  cast(totals.timeOnSite AS INT)                  AS time_on_site_seconds,
  coalesce(cast(totals.bounces AS INT), 0) = 1    AS bounced,
  coalesce(cast(totals.transactions AS INT), 0)   AS transactions,
  cast(totals.totalTransactionRevenue AS DECIMAL(20,0)) / 1000000 AS transaction_revenue,
  concat_ws('; ',
    CASE WHEN NOT coalesce(trim(fullVisitorId) RLIKE '^[0-9]+$', false) THEN concat('fullVisitorId: \'', coalesce(fullVisitorId, 'null'), '\' is not a numeric visitor id') END,
    CASE WHEN visit_id_n IS NULL THEN concat('visitId: \'', coalesce(visitId, 'null'), '\' is not an integer') END,
    CASE WHEN start_s IS NULL THEN concat('visitStartTime: \'', coalesce(visitStartTime, 'null'), '\' is not epoch seconds') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM conformed
