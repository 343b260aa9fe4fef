"""Money in several currencies: accepted codes, and totals converted where a rate is set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from core.money import fmt, fmt_short
from handlers.shared.errors import UserError
from storage.fx import Rate, convert

# Currencies a deal may be in, beside the workspace's own and any with a rate set.
COMMON = (
    "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "RON", "INR", "SGD", "HKD", "CNY", "KRW", "BRL", "MXN", "ZAR", "ILS", "AED",
)  # fmt: skip


def accepted(base: str, rates: Iterable[str] = ()) -> list[str]:
    return sorted({*COMMON, base, *rates})


def check_currency(code: object, base: str, rates: Iterable[str] = ()) -> str | None:
    """The ISO code as written (None when not said); an unknown one is refused with the list."""
    if code is None or code == "":
        return None
    known = accepted(base, rates)
    text = str(code).strip().upper()
    if text not in known:
        raise UserError(
            f"I don't take {str(code)[:12]!r} as a currency. Deals can be in: {', '.join(known)}."
        )
    return text


@dataclass(frozen=True)
class Totals:
    """Amounts by currency: in the workspace currency where a rate is set, apart otherwise."""

    base: str
    minor: int = 0
    apart: dict[str, int] = field(default_factory=dict)
    used: dict[str, Rate] = field(default_factory=dict)

    def shown(self, short: bool = False) -> str:
        """ "$45,000", or "$45,000 + €8,500" when some currency has no rate."""
        say = fmt_short if short else fmt
        parts = [say(self.minor, self.base)] if self.minor or not self.apart else []
        parts += [say(m, c) for c, m in sorted(self.apart.items())]
        return " + ".join(parts)

    def notes(self) -> list[str]:
        """Which rates made the total, with the day each was set; what could not be added."""
        said = [
            f"{c} at {r.rate.normalize():f} {self.base} (rate set {r.set_at:%d %b %Y})"
            for c, r in sorted(self.used.items())
        ]
        out = ["Converted: " + "; ".join(said) + "."] if said else []
        if self.apart:
            listed = ", ".join(sorted(self.apart))
            out.append(
                f"No {self.base} rate for {listed}, so shown apart; an admin can set one: "
                f"`/quotabot settings workspace fx {min(self.apart)} 1.08`."
            )
        return out


def total(by_currency: Mapping[str, int], base: str, rates: Mapping[str, Rate]) -> Totals:
    minor = 0
    apart: dict[str, int] = {}
    used: dict[str, Rate] = {}
    for currency, amount in by_currency.items():
        if currency == base:
            minor += amount
        elif currency in rates:
            minor += convert(amount, currency, base, rates[currency].rate)
            used[currency] = rates[currency]
        else:
            apart[currency] = apart.get(currency, 0) + amount
    return Totals(base, minor, apart, used)
