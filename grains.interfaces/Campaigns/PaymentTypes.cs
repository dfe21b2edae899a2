namespace Civic.Grains.Interfaces;

/// <summary>PENDING → CONFIRMED | FAILED; CONFIRMED → REFUNDED. Only CONFIRMED money counts.</summary>
public enum PaymentStatus
{
    Pending = 0,
    Confirmed = 1,
    Failed = 2,
    Refunded = 3,
}
