"""What handlers share: context, errors, audit, limits, forms, subjects and the numbers."""
