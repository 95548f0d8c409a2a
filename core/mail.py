"""E-mail subjects on one line.

Django refuses a subject holding a line break (`BadHeaderError`: the message is never sent), and
subjects quote what people type — an experiment's title given through the API, a name. Every
subject goes through `subject_line`, which turns any run of white space into one space.
"""


def subject_line(text) -> str:
    return " ".join(str(text).split())
