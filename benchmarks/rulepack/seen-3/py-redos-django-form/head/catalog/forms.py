import re

from django import forms
from django.core.exceptions import ValidationError

from .models import Product

# Supplier SKUs: alphanumeric groups joined by single dashes or dots, e.g. "AB-1200.X7".
SUPPLIER_SKU_RE = re.compile(r"^([A-Za-z0-9]+[-.]?)+$")
MAX_IMPORT_LINES = 500


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["sku", "name", "price", "category"]


class BulkSkuImportForm(forms.Form):
    skus = forms.CharField(widget=forms.Textarea, help_text="One supplier SKU per line.")

    def clean_skus(self):
        lines = [line.strip() for line in self.cleaned_data["skus"].splitlines() if line.strip()]
        if len(lines) > MAX_IMPORT_LINES:
            raise ValidationError(f"At most {MAX_IMPORT_LINES} SKUs per import.")
        bad = [line for line in lines if not SUPPLIER_SKU_RE.match(line)]
        if bad:
            raise ValidationError("Not a supplier SKU: %(skus)s", params={"skus": ", ".join(bad[:5])})
        return lines
