-- CRM customers (API pages as NDJSON, and workshop file drops of Python dict lines).
-- One row per client_id, latest by the CRM's updated_at, then raw batch order.
WITH src AS (
  SELECT * FROM {{ source('crm','customers') }}
),
conformed AS (
  SELECT *,
    lower(trim(email))                                   AS email_norm,
    regexp_replace(trim(national_id), '[^0-9]', '')      AS cpf_digits,
    cast(updated_at AS TIMESTAMP)                        AS updated_ts
  FROM src
)
SELECT
  cast(client_id AS BIGINT)                              AS client_id,
  to_date(birth_date, 'yyyy-MM-dd')                      AS birth_date,
  cast(age AS INT)                                       AS age,
  upper(trim(home_ownership))                            AS home_ownership_code,
  CASE upper(trim(home_ownership)) WHEN 'O' THEN 'owner' WHEN 'R' THEN 'renter' WHEN 'U' THEN 'unknown' END AS home_ownership,
  nullif(lower(trim(occupation)), '')                    AS occupation,
  upper(trim(marital_status))                            AS marital_status_code,
  CASE upper(trim(marital_status)) WHEN 'M' THEN 'married' WHEN 'S' THEN 'single' WHEN 'D' THEN 'divorced' END AS marital_status,
  CASE upper(trim(head_of_household_flag)) WHEN 'Y' THEN true WHEN 'N' THEN false END AS head_of_household,
  cast(client_created_date AS TIMESTAMP)                 AS client_created_at,
  initcap(trim(first_name))                              AS first_name,
  initcap(trim(last_name))                               AS last_name,
  email_norm                                             AS email,
  email_norm RLIKE '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$' AS email_valid,
  phone_e164(phone)                                      AS phone,
  nullif(trim(phone), '')                                AS phone_raw,
  nullif(cpf_digits, '')                                 AS national_id,
  cpf_valid(national_id)                                 AS national_id_valid,
  upper(trim(gender))                                    AS gender,
  cast(annual_income AS DECIMAL(14,2))                   AS annual_income,
  trim(address.street)                                   AS address_street,
  trim(address.number)                                   AS address_number,
  initcap(trim(address.city))                            AS address_city,
  upper(trim(address.state))                             AS address_state,
  regexp_replace(trim(address.postal_code), '[^0-9]', '') AS address_postal_code,
  upper(trim(address.country))                           AS address_country,
  cast(consents.email AS BOOLEAN)                        AS consent_email,
  cast(consents.sms AS BOOLEAN)                          AS consent_sms,
  cast(consents.phone AS BOOLEAN)                        AS consent_phone,
  cast(consents.updated_at AS TIMESTAMP)                 AS consents_updated_at,
  lower(trim(preferred_channel))                         AS preferred_channel,
  updated_ts                                             AS updated_at,
  concat_ws('; ',
    CASE WHEN cast(client_id AS BIGINT) IS NULL THEN concat('client_id: \'', coalesce(client_id, 'null'), '\' is not an integer') END,
    CASE WHEN birth_date IS NOT NULL AND to_date(birth_date, 'yyyy-MM-dd') IS NULL THEN concat('birth_date: \'', birth_date, '\' is not a date YYYY-MM-DD') END,
    CASE WHEN age IS NOT NULL AND cast(age AS INT) IS NULL THEN concat('age: \'', age, '\' is not an integer') END,
    CASE WHEN home_ownership IS NOT NULL AND upper(trim(home_ownership)) NOT IN ('O', 'R', 'U') THEN concat('home_ownership: \'', home_ownership, '\' is not one of O, R, U') END,
    CASE WHEN marital_status IS NOT NULL AND upper(trim(marital_status)) NOT IN ('M', 'S', 'D') THEN concat('marital_status: \'', marital_status, '\' is not one of M, S, D') END,
    CASE WHEN head_of_household_flag IS NOT NULL AND upper(trim(head_of_household_flag)) NOT IN ('Y', 'N') THEN concat('head_of_household_flag: \'', head_of_household_flag, '\' is not Y or N') END,
    CASE WHEN client_created_date IS NOT NULL AND cast(client_created_date AS TIMESTAMP) IS NULL THEN concat('client_created_date: \'', client_created_date, '\' is not an ISO date-time') END,
    CASE WHEN annual_income IS NOT NULL AND cast(annual_income AS DECIMAL(14,2)) IS NULL THEN concat('annual_income: \'', annual_income, '\' is not a number') END,
    CASE WHEN updated_at IS NOT NULL AND updated_ts IS NULL THEN concat('updated_at: \'', updated_at, '\' is not an ISO-8601 instant') END
  )                                                      AS _reject_reason
  {{ new_source_fields() }},
  _batch_id, _source_file, _ingested_at, _raw_line, _raw_record
FROM conformed
