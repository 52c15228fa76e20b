-- Web hits of the sessions up to the as-of date, one row per hit. Only session keys are joined
-- to the hits (never session totals), so hit rows are not multiplied. A build after the first
-- recomputes only the sessions fct_web_hits.affected.sql finds (in_scope).
SELECT
  concat(h.session_id, '#', cast(h.hit_number AS STRING)) AS hit_id,
  h.session_id,
  h.hit_number,
  s.customer_id,
  h.full_visitor_id,
  h.hit_at,
  h.hit_type,
  h.is_entrance,
  h.is_exit,
  h.page_path,
  h.page_title,
  h.ecommerce_action_type,
  h.transaction_id,
  h.product_count,
  h.product_skus,
  h.product_categories,
  h.product_price_total
FROM stage.stg_web__hits h
JOIN {{ ref('fct_web_sessions') }} s ON s.session_id = h.session_id
WHERE {{ in_scope('h.session_id') }}
