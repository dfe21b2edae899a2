using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Civic.Database.DataProtection;

/// <summary>
/// Data Protection's key ring in <c>civic_data_protection_keys</c> (migration 0023), so every silo and API node of the
/// cluster reads and writes the same keys. Data Protection calls it synchronously and caches what it reads.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("select xml from civic_data_protection_keys order by id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);

        // Friendly names carry the key id ("key-<guid>"): the same element stored twice is kept once.
        using var command = dataSource.CreateCommand("""
            insert into civic_data_protection_keys (friendly_name, xml) values ($1, $2)
            on conflict (friendly_name) do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
