"""Which packages the wheel holds; the project's metadata lives in pyproject.toml.

Packages are found, not listed, so a new subpackage can never be left out of a wheel again.
Two folders get names of their own in site-packages: the window shell (ui/ in the checkout)
installs as `coach_ui`, because a top-level package called `ui` would collide with any other
distribution that chose the same generic name, and ui/ imports itself relatively so either name
works; resources/ installs as `coach_resources`, read through importlib.resources.
"""

from setuptools import find_namespace_packages, find_packages, setup


def renamed(folder: str, name: str, namespaces: bool = False) -> list[str]:
    finder = find_namespace_packages if namespaces else find_packages
    found = finder(where=folder, exclude=["*__pycache__*"])
    return [name] + [f"{name}.{sub}" for sub in found]


core = find_packages(include=["coach", "coach.*"])
shell = renamed("ui", "coach_ui")
# Data folders are namespace packages so setuptools ships them without warning about each;
# the README's screenshots stay out of the wheel, the app never reads them.
data = renamed("resources", "coach_resources", namespaces=True)

setup(
    packages=core + shell + data,
    package_dir={"coach_ui": "ui", "coach_resources": "resources"},
    package_data={p: ["*"] for p in data if p != "coach_resources.screenshots"},
    exclude_package_data={p: ["*.py[co]"] for p in data},
)
