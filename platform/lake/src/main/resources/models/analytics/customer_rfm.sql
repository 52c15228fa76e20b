-- RFM scores as of the run's date: quintiles of recency, frequency and monetary value among every
-- customer with orders. A table of its own because a customer's scores depend on every other
-- customer's orders: customer_360 rebuilds the customers whose scores moved.
WITH orders AS (
  SELECT customer_id,
         count(DISTINCT order_id)                                                AS order_count,
         cast(sum(sales) AS DECIMAL(18,2))                                       AS revenue,
         max(order_date)                                                         AS last_order_date
  FROM {{ ref('fct_orders') }}
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
)
SELECT customer_id,
       datediff(DATE '{{ var('as_of') }}', last_order_date)                                         AS recency_days,
       cast(ceil(5 * cume_dist() OVER (ORDER BY datediff(DATE '{{ var('as_of') }}', last_order_date) DESC)) AS INT) AS r_score,
       cast(ceil(5 * cume_dist() OVER (ORDER BY order_count)) AS INT)           AS f_score,
       cast(ceil(5 * cume_dist() OVER (ORDER BY revenue)) AS INT)               AS m_score
FROM orders
