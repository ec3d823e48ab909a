using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Generic-test unique ids equal the ids dbt-core gives the same YAML. The expected ids are those dbt
/// writes for dbt-labs' jaffle_shop demo (as listed from real dbt runs in public projects' test suites, e.g.
/// astronomer-cosmos); the hash part does not depend on the project name, only on the test's name and metadata.</summary>
public sealed class DbtTestIdTests
{
    private const string Models = """
        models:
          - name: customers
            columns:
              - name: customer_id
                tests: [unique, not_null]
          - name: orders
            columns:
              - name: order_id
                tests: [unique, not_null]
              - name: customer_id
                tests:
                  - not_null
                  - relationships:
                      to: ref('customers')
                      field: customer_id
              - name: status
                tests:
                  - accepted_values:
                      values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']
              - name: amount
                tests: [not_null]
        """;

    private const string Staging = """
        models:
          - name: stg_customers
            columns:
              - name: customer_id
                tests: [unique, not_null]
          - name: stg_orders
            columns:
              - name: order_id
                tests: [unique, not_null]
              - name: status
                tests:
                  - accepted_values:
                      values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']
          - name: stg_payments
            columns:
              - name: payment_id
                tests: [unique, not_null]
              - name: payment_method
                tests:
                  - accepted_values:
                      values: ['credit_card', 'coupon', 'bank_transfer', 'gift_card']
        """;

    [Fact]
    public void Generic_test_ids_equal_dbts_for_jaffle_shop()
    {
        var files = new Dictionary<string, string>
        {
            ["models/schema.yml"] = Models,
            ["models/staging/schema.yml"] = Staging,
            ["models/sources.yml"] = "sources:\n  - name: jaffle_shop\n    tables:\n      - name: customers\n        columns:\n          - name: id\n            tests: [not_null]\n",
        };
        foreach (var model in new[] { "customers", "orders", "staging/stg_customers", "staging/stg_orders", "staging/stg_payments" })
        {
            files[$"models/{model}.sql"] = "select 1 as id\n";
        }

        using var p = new TestProject(files, name: "jaffle_shop");
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        using var manifest = JsonDocument.Parse(p.Read("target/manifest.json"));
        var ids = manifest.RootElement.GetProperty("nodes").EnumerateObject().Select(n => n.Name).Where(n => n.StartsWith("test.", StringComparison.Ordinal)).ToHashSet();
        string[] expected =
        [
            "test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1",
            "test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d",
            "test.jaffle_shop.unique_orders_order_id.fed79b3a6e",
            "test.jaffle_shop.not_null_orders_order_id.cf6c17daed",
            "test.jaffle_shop.not_null_orders_customer_id.c5f02694af",
            "test.jaffle_shop.not_null_orders_amount.106140f9fd",
            "test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2",
            "test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3",
            "test.jaffle_shop.unique_stg_customers_customer_id.c7614daada",
            "test.jaffle_shop.not_null_stg_customers_customer_id.e2cfb1f9aa",
            "test.jaffle_shop.unique_stg_orders_order_id.e3b841c71a",
            "test.jaffle_shop.not_null_stg_orders_order_id.81cfe2fe64",
            "test.jaffle_shop.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad",
            "test.jaffle_shop.unique_stg_payments_payment_id.3744510712",
            "test.jaffle_shop.not_null_stg_payments_payment_id.c19cc50075",
            "test.jaffle_shop.accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card.3c3820f278",
            "test.jaffle_shop.source_not_null_jaffle_shop_customers_id.50aa22178f",
        ];
        Assert.Empty(expected.Except(ids));
        Assert.Equal(expected.Length, ids.Count);
    }
}
