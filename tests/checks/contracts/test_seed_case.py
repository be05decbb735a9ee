"""The seed case (context/agent-control-plane.txt), in Python.

Three agents improve blog discovery in parallel. The metadata agent renames the
filter the collection query takes (``tag`` -> ``topic``) while the listing page
still filters by ``tag=``. Each branch builds alone; the check on the metadata
branch names the listing page's file and line.
"""

from __future__ import annotations

from checks.contracts.contract_helpers import run_checks

CONFIG = (
    "from dataclasses import dataclass, field\n"
    "\n"
    "\n"
    "@dataclass\n"
    "class PostMeta:\n"
    "    title: str\n"
    "    tags: list[str] = field(default_factory=list)\n"
    "    draft: bool = False\n"
    "\n"
    "\n"
    "def list_posts(posts, *, tag=None, include_drafts=False):\n"
    "    return [p for p in posts if (tag is None or tag in p.tags)\n"
    "            and (include_drafts or not p.draft)]\n"
)
BLOG = {
    "pyproject.toml": "[project]\nname = 'blog'\n",
    "src/blog/__init__.py": "",
    "src/blog/content/__init__.py": "",
    "src/blog/content/config.py": CONFIG,
    "src/blog/pages/__init__.py": "",
    "src/blog/pages/blog_index.py": (
        "from blog.content.config import list_posts\n"
        "\n"
        "\n"
        "def render_index(posts, tag=None):\n"
        "    items = list_posts(posts, tag=tag)\n"
        "    return '\\n'.join(p.title for p in items)\n"
    ),
    "src/blog/pages/post.py": (
        "from blog.content.config import PostMeta\n"
        "\n"
        "\n"
        "def render_post(meta: PostMeta, body: str) -> str:\n"
        "    return f'<h1>{meta.title}</h1>{body}'\n"
    ),
}
METADATA = "agent/metadata-filter-contract"
SEARCH = "agent/blog-search-ui"


def test_metadata_branch_breaks_the_listing_page(git_repo) -> None:
    git_repo.commit(BLOG, "blog")
    git_repo.branch(METADATA)
    git_repo.commit({"src/blog/content/config.py": CONFIG.replace("tags", "topics")
                     .replace("tag=None", "topic=None").replace("tag is None or tag in",
                                                                 "topic is None or topic in")},
                    "metadata: filter by topic")
    git_repo.branch(SEARCH, "main")
    git_repo.commit({"src/blog/pages/search.py": (
        "from blog.content.config import list_posts\n"
        "\n"
        "\n"
        "def search(posts, text, tag=None):\n"
        "    return [p for p in list_posts(posts, tag=tag) if text in p.title]\n")},
        "search: client-side search")
    git_repo.checkout("main")

    (finding,) = run_checks(git_repo, METADATA)
    assert finding.rule == "DG202"
    assert finding.message == (
        "parameter 'tag' of blog.content.config.list_posts was renamed to 'topic'; "
        "src/blog/pages/blog_index.py:5 passes tag=")
    assert (finding.path, finding.line) == ("src/blog/content/config.py", 11)
    assert ("src/blog/pages/blog_index.py", 5) in [(e.path, e.line) for e in finding.evidence]
    assert finding.branches == (METADATA,)
    assert run_checks(git_repo, SEARCH) == []  # the search branch builds alone
