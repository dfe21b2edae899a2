using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The focus ring keeps 3:1 against what surrounds it on the tenant's own colours (web/e2e/focus.mjs): the test
/// tenant's secondary colour (#fde68a) is too pale for a ring on the white page, and its primary (#7c2d12) is the
/// header's background; the browser's computed ring colours are measured against both.
/// </summary>
[Collection("web")]
public sealed partial class FocusRingJourney(WebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_focus_ring_contrasts_3_to_1_with_the_page_and_with_the_header()
    {
        var checks = await Journey.RunAsync("e2e/focus.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
        }), output, minPages: 1);

        var rings = checks["focusRings"]!;
        foreach (var area in new[] { "header", "main" })
        {
            var ring = rings[area] ?? throw new Xunit.Sdk.XunitException($"no element of the {area} took the focus: {rings.ToJsonString()}");
            Assert.Equal("solid", ring["style"]!.GetValue<string>());
            Assert.Equal("3px", ring["width"]!.GetValue<string>());
            var ratio = Contrast(ring["outline"]!.GetValue<string>(), ring["background"]!.GetValue<string>());
            Assert.True(ratio >= 3, $"the {area}'s focus ring is {ratio:0.00}:1 ({ring.ToJsonString()})");
        }
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>WCAG relative luminance of a computed "rgb(r, g, b)" colour.</summary>
    private static double Luminance(string rgb)
    {
        var m = Rgb().Match(rgb);
        Assert.True(m.Success, $"not an rgb() colour: {rgb}");
        double Channel(int i)
        {
            var s = double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) / 255;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(1) + 0.7152 * Channel(2) + 0.0722 * Channel(3);
    }

    [GeneratedRegex(@"rgba?\((\d+), (\d+), (\d+)")]
    private static partial Regex Rgb();
}
