using Bogus;

namespace NeoGlobal.DataGen;

internal enum ProductLine : byte
{
    Subscription = 0,
    Usage = 1,
    Services = 2,
}

/// <summary>A price-list entry. <c>PriceCents</c> is 0 for usage/services lines (amount drawn per row).</summary>
internal sealed record Plan(string Id, ProductLine Line, long PriceCents, string Description);

internal sealed record Customer(string Id, string Name, string Email, string Country, int SubscriptionPlan);

/// <summary>Customers and plans, built once with Bogus (slow per object, so only for the pools).</summary>
internal sealed class Catalog
{
    private static readonly (string Tier, long Monthly)[] Tiers =
    [
        ("starter", 2_900), ("growth", 4_900), ("pro", 9_900), ("business", 29_900), ("enterprise", 99_900),
    ];

    public required IReadOnlyList<Plan> Plans { get; init; }
    public required IReadOnlyList<Customer> Customers { get; init; }

    /// <summary>Index of the first usage plan; usage plans then services plans follow the subscription plans.</summary>
    public required int FirstUsagePlan { get; init; }
    public required int FirstServicesPlan { get; init; }

    /// <summary>Hand-set pools: a subscription bills the customer's own plan (FuzzyGuard re-prices on a customer change).
    /// A fitted model draws plans per row, so it sets this to false.</summary>
    public bool PlanFollowsCustomer { get; init; } = true;

    public static int PoolSizeFor(long rows) => (int)Math.Clamp(rows / 60, 2_000, 25_000);

    public static Catalog Build(int seed, int customerCount)
    {
        var plans = new List<Plan>();
        foreach (var (tier, monthly) in Tiers)
        {
            var title = char.ToUpperInvariant(tier[0]) + tier[1..];
            plans.Add(new Plan($"plan_{tier}_monthly", ProductLine.Subscription, monthly, $"{title} plan (monthly)"));
            plans.Add(new Plan($"plan_{tier}_annual", ProductLine.Subscription, monthly * 10, $"{title} plan (annual)"));
        }

        var firstUsage = plans.Count;
        plans.Add(new Plan("usage_api_calls", ProductLine.Usage, 0, "Metered usage: API calls"));
        plans.Add(new Plan("usage_storage_gb", ProductLine.Usage, 0, "Metered usage: storage GB-month"));
        plans.Add(new Plan("usage_seats_overage", ProductLine.Usage, 0, "Metered usage: seat overage"));
        var firstServices = plans.Count;
        plans.Add(new Plan("svc_onboarding", ProductLine.Services, 15_000, "Professional services: onboarding"));
        plans.Add(new Plan("svc_consulting", ProductLine.Services, 20_000, "Professional services: consulting"));
        plans.Add(new Plan("svc_training", ProductLine.Services, 25_000, "Professional services: training"));

        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var rng = new FastRng(seed, 900, 0);
        var customers = new Customer[customerCount];
        for (var i = 0; i < customerCount; i++)
        {
            var company = faker.Company.CompanyName();
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var domain = faker.Internet.DomainWord() + "." + faker.Internet.DomainSuffix();
            var email = $"{first}.{last}@{domain}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
            // Tier mix skewed to cheap plans; ~25% of customers pay annually.
            var tier = rng.Next(100) switch { < 35 => 0, < 65 => 1, < 85 => 2, < 96 => 3, _ => 4 };
            var annual = rng.Next(4) == 0 ? 1 : 0;
            var id = IdCodec.Make("cus_", seed, IdCodec.StreamCustomer, i, rng, 3);
            customers[i] = new Customer(id, company, email, faker.Address.CountryCode(), tier * 2 + annual);
        }

        return new Catalog { Plans = plans, Customers = customers, FirstUsagePlan = firstUsage, FirstServicesPlan = firstServices };
    }
}
