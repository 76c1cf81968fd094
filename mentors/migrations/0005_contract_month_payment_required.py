"""Locked months must have their payment (filled by 0004); open months have none."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentors', '0004_contract_month_payment_fill'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='contractmonth',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('payable_eur__isnull', True), ('rate_eur__isnull', True), ('served__isnull', True), ('status', 'open')), models.Q(('payable_eur__isnull', False), ('rate_eur__isnull', False), ('served__isnull', False), ('status', 'locked')), _connector='OR'), name='contract_month_locked_has_payment'),
        ),
    ]
