"""The ground floor: message types, money, calendar, pace; imports nothing of ours."""
