from django.http import HttpResponse


def no_results(request):
    q = request.GET.get("q", "")
    html = f"<html><body><p>No results found for <b>{q}</b></p></body></html>"
    return HttpResponse(html)
