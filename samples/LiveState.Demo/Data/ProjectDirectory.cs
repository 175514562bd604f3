namespace LiveState.Demo.Data;

public sealed record TeamMember(string Name, string Role);

public sealed record Milestone(string Title, DateOnly Due, int Progress);

public sealed record ActivityEntry(string Who, string Kind, string Text, TimeSpan Ago);

public sealed record ProjectInfo(
    string Key,
    string Name,
    string Summary,
    string Status,
    string Repository,
    string DefaultBranch,
    int Progress,
    int OpenIssues,
    int OpenPullRequests,
    int DeploysThisWeek,
    TeamMember[] Team,
    Milestone[] Milestones,
    ActivityEntry[] Activity);

/// <summary>The projects shown on the Projects page. Read-only reference data, so it lives in code.</summary>
public static class ProjectDirectory
{
    public static IReadOnlyList<ProjectInfo> All { get; } =
    [
        new(
            "storefront",
            "Northwind Storefront",
            "The customer-facing web shop: catalog, checkout and order tracking, rebuilt on Blazor Server with zero-downtime deploys.",
            "On track",
            "northwind/storefront",
            "main",
            68,
            23,
            6,
            14,
            [
                new("Aino Virtanen", "Product manager"),
                new("Lars Eriksen", "Backend"),
                new("Erik Lund", "Frontend"),
                new("Maja Hansen", "Design"),
                new("Sofie Dahl", "Quality"),
            ],
            [
                new("Catalog search v2", new DateOnly(2025, 3, 14), 100),
                new("New checkout flow", new DateOnly(2025, 4, 30), 85),
                new("Order tracking page", new DateOnly(2025, 6, 13), 40),
                new("Saved carts across devices", new DateOnly(2025, 8, 29), 5),
            ],
            [
                new("Erik Lund", "merge", "merged #1482 Fix date picker race in checkout", TimeSpan.FromMinutes(12)),
                new("Sofie Dahl", "test", "added the deploy-during-checkout end-to-end scenario", TimeSpan.FromMinutes(47)),
                new("Lars Eriksen", "deploy", "deployed v2.4.0 to production (10% rollout)", TimeSpan.FromHours(3)),
                new("Maja Hansen", "comment", "commented on #1477 Empty states for catalog filters", TimeSpan.FromHours(5)),
                new("Aino Virtanen", "issue", "opened #1490 Export orders as CSV", TimeSpan.FromHours(9)),
                new("Lars Eriksen", "merge", "merged #1469 Index products by category and price", TimeSpan.FromDays(1)),
                new("Erik Lund", "deploy", "deployed v2.4.0-rc.2 to staging", TimeSpan.FromDays(2)),
                new("Sofie Dahl", "issue", "closed #1455 Quantity field accepts negative numbers", TimeSpan.FromDays(3)),
            ]),
        new(
            "mobile",
            "Fjord Mobile App",
            "iOS and Android apps for ferry tickets and live departures, sharing the booking API with the web shop.",
            "At risk",
            "northwind/fjord-mobile",
            "develop",
            42,
            41,
            9,
            3,
            [
                new("Jonas Berg", "Tech lead"),
                new("Ingrid Moe", "iOS"),
                new("Mikkel Sørensen", "Android"),
                new("Maja Hansen", "Design"),
            ],
            [
                new("Ticket wallet", new DateOnly(2025, 2, 28), 100),
                new("Live departures", new DateOnly(2025, 5, 16), 60),
                new("Offline mode", new DateOnly(2025, 7, 4), 15),
                new("App Store release 3.0", new DateOnly(2025, 9, 1), 0),
            ],
            [
                new("Ingrid Moe", "merge", "merged #312 Cache departures for offline use", TimeSpan.FromMinutes(30)),
                new("Jonas Berg", "issue", "opened #318 Push notifications arrive twice on Android 14", TimeSpan.FromHours(2)),
                new("Mikkel Sørensen", "comment", "commented on #318 with a reproduction", TimeSpan.FromHours(2.5)),
                new("Maja Hansen", "comment", "shared new departure board mock-ups", TimeSpan.FromHours(20)),
                new("Jonas Berg", "deploy", "shipped build 2.9.4 to TestFlight", TimeSpan.FromDays(2)),
                new("Ingrid Moe", "issue", "closed #301 Wallet crashes on empty ticket list", TimeSpan.FromDays(4)),
            ]),
        new(
            "data",
            "Atlas Data Platform",
            "Event pipeline and warehouse behind sales dashboards; nightly jobs move to streaming this quarter.",
            "On track",
            "northwind/atlas",
            "main",
            81,
            12,
            4,
            9,
            [
                new("Hanna Lindqvist", "Data engineering"),
                new("Lars Eriksen", "Backend"),
                new("Oskar Nygaard", "Analytics"),
            ],
            [
                new("Streaming ingestion", new DateOnly(2025, 3, 7), 100),
                new("Warehouse on Parquet", new DateOnly(2025, 4, 18), 100),
                new("Real-time sales dashboard", new DateOnly(2025, 6, 6), 70),
                new("Retire nightly batch jobs", new DateOnly(2025, 7, 25), 45),
            ],
            [
                new("Hanna Lindqvist", "deploy", "deployed ingestion workers 1.8.0", TimeSpan.FromMinutes(20)),
                new("Oskar Nygaard", "comment", "commented on the revenue-by-region dashboard", TimeSpan.FromHours(4)),
                new("Lars Eriksen", "merge", "merged #88 Backfill order events since January", TimeSpan.FromHours(7)),
                new("Hanna Lindqvist", "issue", "opened #91 Late events from the mobile app", TimeSpan.FromDays(1)),
                new("Oskar Nygaard", "issue", "closed #79 Duplicate rows in daily sales", TimeSpan.FromDays(3)),
            ]),
    ];

    public static ProjectInfo Find(string? key) =>
        All.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)) ?? All[0];
}
