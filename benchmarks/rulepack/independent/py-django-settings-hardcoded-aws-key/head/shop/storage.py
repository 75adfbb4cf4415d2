import boto3
from django.conf import settings

AWS_ACCESS_KEY_ID = "AKIAQ4NZ7HKDL3WUPX5M"
AWS_SECRET_ACCESS_KEY = "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"


def _client():
    return boto3.client(
        "s3",
        region_name=settings.AWS_REGION,
        aws_access_key_id=AWS_ACCESS_KEY_ID,
        aws_secret_access_key=AWS_SECRET_ACCESS_KEY,
    )


def upload_receipt(order_id: int, pdf: bytes) -> str:
    key = f"receipts/{order_id}.pdf"
    _client().put_object(Bucket=settings.RECEIPT_BUCKET, Key=key, Body=pdf, ContentType="application/pdf")
    return key
