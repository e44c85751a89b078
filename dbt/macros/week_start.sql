{#-
  week_start(date_col, week_start_day=none)

  The first day of the reporting week that contains `date_col`, as a DATE.
  The week's first day comes from the argument, else var('week_start_day') (default 'monday', ISO weeks);
  'saturday' gives ACLED's Saturday-to-Friday weeks. Any English weekday name is accepted.

  DuckDB's dayofweek() is Sunday=0 .. Saturday=6, so the days since the week began are
  (dayofweek(d) - first_dow + 7) % 7; for Saturday (6) that is (dayofweek(d) + 1) % 7, and for
  Monday (1) the result equals date_trunc('week', d).
-#}
{% macro week_start(date_col, week_start_day=none) -%}
  {%- set days = {'sunday': 0, 'monday': 1, 'tuesday': 2, 'wednesday': 3, 'thursday': 4, 'friday': 5, 'saturday': 6} -%}
  {%- set day = (week_start_day or var('week_start_day', 'monday')) | string | lower | trim -%}
  {%- if day not in days -%}
    {{ exceptions.raise_compiler_error("week_start_day must be a weekday name such as 'monday' or 'saturday', got '" ~ day ~ "'") }}
  {%- endif -%}
  {%- set d = 'cast(' ~ date_col ~ ' as date)' -%}
  cast({{ d }} - cast((dayofweek({{ d }}) + {{ 7 - days[day] }}) % 7 as integer) as date)
{%- endmacro %}
