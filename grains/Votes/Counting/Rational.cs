using System.Globalization;
using System.Numerics;

namespace Civic.Grains.Votes.Counting;

/// <summary>
/// An exact fraction, always in lowest terms with a positive denominator. Counting rules use it
/// wherever a division happens (equal shares), so that no rounding ever decides a winner.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _den;

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational needs a non-zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        Numerator = numerator;
        _den = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public BigInteger Numerator { get; }

    /// <summary>One for the default value, so that <c>default(Rational)</c> is zero.</summary>
    public BigInteger Denominator => _den.IsZero ? BigInteger.One : _den;

    public int Sign => Numerator.Sign;

    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    public static Rational operator +(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public int CompareTo(Rational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>
    /// The nearest double (relative error about 1e-16): for screening comparisons that are far from a tie; exact
    /// comparisons decide the rest.
    /// </summary>
    public double ToDouble()
    {
        var den = Denominator;
        if (Numerator.IsZero)
        {
            return 0;
        }

        if (Numerator.GetBitLength() < 1000 && den.GetBitLength() < 1000)
        {
            return (double)Numerator / (double)den;
        }

        var magnitude = Math.Exp(BigInteger.Log(BigInteger.Abs(Numerator)) - BigInteger.Log(den));
        return Numerator.Sign < 0 ? -magnitude : magnitude;
    }

    /// <summary>For display only: rounds half away from zero to <paramref name="decimals"/> places.</summary>
    public decimal ToDecimal(int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var scaled = BigInteger.DivRem(BigInteger.Abs(Numerator) * scale * 2 + Denominator, Denominator * 2).Quotient;
        return (decimal)(Numerator.Sign < 0 ? -scaled : scaled) / (decimal)scale;
    }

    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
