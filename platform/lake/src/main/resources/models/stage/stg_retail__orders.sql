-- Retail SaaS orders (file drops, header, UTF-8 BOM allowed). One row per Row_ID.
WITH src AS (
  SELECT * FROM {{ source('retail','orders') }}
)
SELECT
  cast(Row_ID AS BIGINT)                          AS row_id,
  trim(Order_ID)                                  AS order_id,
  to_date(Order_Date, 'M/d/yyyy')                 AS order_date,
  trim(Date_Key)                                  AS date_key,
  initcap(trim(Contact_Name))                     AS contact_name,
  lower(trim(Contact_Email))                      AS contact_email,
  lower(trim(Contact_Email)) RLIKE '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$' AS contact_email_valid,
  trim(Country)                                   AS country,
  trim(City)                                      AS city,
  trim(Region)                                    AS region,
  trim(Subregion)                                 AS subregion,
  trim(Customer)                                  AS customer,
  cast(client_id AS BIGINT)                       AS client_id,
  trim(Industry)                                  AS industry,
  trim(Segment)                                   AS segment,
  trim(Product)                                   AS product,
  trim(License)                                   AS license,
  cast(Sales AS DECIMAL(14,4))                    AS sales,
  cast(Quantity AS INT)                           AS quantity,
  cast(Discount AS DECIMAL(6,4))                  AS discount,
  cast(Profit AS DECIMAL(14,4))                   AS profit,
  concat_ws('; ',
    CASE WHEN Row_ID IS NULL OR cast(Row_ID AS BIGINT) IS NULL THEN concat('Row_ID: \'', coalesce(Row_ID, 'null'), '\' is not an integer') END,
    CASE WHEN to_date(Order_Date, 'M/d/yyyy') IS NULL THEN concat('Order_Date: \'', coalesce(Order_Date, 'null'), '\' is not a date M/D/YYYY') END,
    CASE WHEN client_id IS NOT NULL AND cast(client_id AS BIGINT) IS NULL THEN concat('client_id: \'', client_id, '\' is not an integer') END,
    CASE WHEN Sales IS NOT NULL AND cast(Sales AS DECIMAL(14,4)) IS NULL THEN concat('Sales: \'', Sales, '\' is not a number') END,
    CASE WHEN Quantity IS NOT NULL AND cast(Quantity AS INT) IS NULL THEN concat('Quantity: \'', Quantity, '\' is not an integer') END,
    CASE WHEN Discount IS NOT NULL AND cast(Discount AS DECIMAL(6,4)) IS NULL THEN concat('Discount: \'', Discount, '\' is not a number') END,
    CASE WHEN Profit IS NOT NULL AND cast(Profit AS DECIMAL(14,4)) IS NULL THEN concat('Profit: \'', Profit, '\' is not a number') END
  )                                               AS _reject_reason,
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM src
