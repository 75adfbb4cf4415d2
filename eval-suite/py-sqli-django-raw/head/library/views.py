from django.http import JsonResponse

from .models import Book


def book_search(request):
    title = request.GET.get("title", "")
    author = request.GET.get("author", "")
    query = "SELECT * FROM library_book WHERE title LIKE '%%%s%%' AND author_id = %s" % (title, author)
    books = Book.objects.raw(query)
    return JsonResponse({"results": [b.title for b in books]})
