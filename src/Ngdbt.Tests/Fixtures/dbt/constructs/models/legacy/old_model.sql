select * from {{ ref('a_model_that_does_not_exist') }}
