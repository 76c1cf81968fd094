"""The payment a locked month was approved with (served, rate, payable) and its split by funding
source, and the payment each lock or unlock event approved or discarded. Filled by 0004, required
of locked months by 0005."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentors', '0002_reference_data'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContractMonthShare',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('percent', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='share, %')),
                ('amount_eur', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='amount, EUR')),
            ],
            options={
                'verbose_name': 'approved funding share',
                'verbose_name_plural': 'approved funding shares',
                'ordering': ['contract_month', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='contractmonth',
            name='payable_eur',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='payable, EUR'),
        ),
        migrations.AddField(
            model_name='contractmonth',
            name='rate_eur',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='rate per client-month, EUR excl. VAT'),
        ),
        migrations.AddField(
            model_name='contractmonth',
            name='served',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='clients served'),
        ),
        migrations.AddField(
            model_name='contractmonthevent',
            name='payable_eur',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='payable, EUR'),
        ),
        migrations.AddField(
            model_name='contractmonthevent',
            name='rate_eur',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='rate per client-month, EUR excl. VAT'),
        ),
        migrations.AddField(
            model_name='contractmonthevent',
            name='served',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='clients served'),
        ),
        migrations.AddField(
            model_name='contractmonthshare',
            name='contract_month',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='shares', to='mentors.contractmonth', verbose_name='contract month'),
        ),
        migrations.AddField(
            model_name='contractmonthshare',
            name='source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='mentors.fundingsource', verbose_name='funding source'),
        ),
        migrations.AddConstraint(
            model_name='contractmonthshare',
            constraint=models.UniqueConstraint(fields=('contract_month', 'source'), name='contract_month_share_unique'),
        ),
    ]
