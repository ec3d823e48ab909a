select method, position from {{ ref('stg_methods') }}
