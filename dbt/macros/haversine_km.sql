{#-
  haversine_km(lat1, lon1, lat2, lon2): great-circle distance in km (Earth radius 6371 km), plain SQL
  (DuckDB's spatial extension would need a download). NULL when a coordinate is NULL.
-#}
{% macro haversine_km(lat1, lon1, lat2, lon2) -%}
  (2 * 6371.0 * asin(least(1.0, sqrt(
      pow(sin(radians(({{ lat2 }}) - ({{ lat1 }})) / 2), 2)
    + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }})) * pow(sin(radians(({{ lon2 }}) - ({{ lon1 }})) / 2), 2)
  ))))
{%- endmacro %}
