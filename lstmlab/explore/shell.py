"""What the explorers' ipywidgets shells share: control style, the figure image shown at its natural size, marks
for stale views and invalid boxes, and the few CSS rules they need (in JupyterLab, Voila and a saved notebook alike).
"""
import ipywidgets as widgets

WIDE = {"description_width": "initial"}
STALE, INVALID = "lstmlab-stale", "lstmlab-invalid"
CSS = f"""<style>
.{STALE} {{opacity: 0.3; filter: grayscale(1)}}
.{INVALID} input {{border-color: #e53e3e !important; background: #fff5f5 !important}}
</style>"""


def row(children):
    """An HBox whose controls wrap onto the next line in a narrow window (640 px) instead of shrinking to a knob."""
    return widgets.HBox(children, layout=widgets.Layout(flex_flow="row wrap", align_items="center"))


def slider_layout():
    """A slider never narrower than its label and a usable track (ipywidgets shrinks it to a knob in a narrow HBox)."""
    return widgets.Layout(width="calc(100% - 4px)", max_width="420px")  # less its 2 px margins


def style_sheet():
    """An invisible HTML widget holding the explorers' CSS (a <style> applies wherever the widget is)."""
    return widgets.HTML(CSS, layout=widgets.Layout(display="none"))


def picture_image():
    """An Image for explore.picture.Picture: never wider than its container, never stretched (height follows)."""
    # less the widget's 2 px margins: a figure never pokes out of a 640 px notebook
    return widgets.Image(format="svg+xml", layout=widgets.Layout(max_width="calc(100% - 4px)", height="auto"))


def show_picture(image, pic):
    """Show a Picture at its natural CSS size (one sync: format, bytes and width change together)."""
    with image.hold_sync():
        image.format, image.value = pic.format, pic.data
        image.layout.width = f"{pic.width}px"
        image.layout.display = None
    image.remove_class(STALE)


def mark(widget, css_class, on):
    """Add or remove a CSS class (e.g. STALE on an old figure, INVALID on a box that cannot be read)."""
    (widget.add_class if on else widget.remove_class)(css_class)


def button(description, **kwargs):
    """A button as wide as its label: ipywidgets' default width cut 'Check with Keras' to 'Check with Ker...'."""
    return widgets.Button(description=description, layout=widgets.Layout(width="auto", min_width="fit-content"),
                          **kwargs)
