"""Reading a YAML file of the exchange format: bounded, safe, and with the line of every value.

A file may come from an upload, so reading is bounded: at most MAX_TEKENS characters. Anchors
(`&naam`) are allowed on a text only, so a long text can be written once and referred to
(`*naam`) as the demo files do; an anchor on a block or a list is refused, which rules out the
"billion laughs" alias bomb, and all referred texts together count against a budget. (The
framework loader, toetsingskader.yaml_io, refuses anchors altogether; this format keeps them
for texts because the published cases repeat long texts.)

Dates stay text ("2015-06-01"): the schema checks them, and a value reads the same in YAML and
JSON.
"""

from dataclasses import dataclass

import yaml

MAX_TEKENS = 2 * 1024 * 1024  # the demo files are under 80 kB
MAX_VERWIJZINGEN_TEKENS = MAX_TEKENS  # the texts all aliases stand for, together


@dataclass(frozen=True)
class Probleem:
    regel: int | None
    plek: str
    melding: str

    def __str__(self) -> str:
        waar = f"regel {self.regel}" if self.regel else "bestand"
        return f"{waar}, {self.plek}: {self.melding}" if self.plek else f"{waar}: {self.melding}"


class Blok(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    regel: int = 0
    regels: dict

    def regel_van(self, sleutel) -> int:
        return self.regels.get(sleutel, self.regel)


class Lijst(list):
    """A sequence that remembers its own line and the line of each item (1-based)."""

    regel: int = 0
    regels: list

    def regel_van(self, index) -> int:
        return (
            self.regels[index]
            if isinstance(index, int) and index < len(self.regels)
            else self.regel
        )


class LeesFout(Exception):
    def __init__(self, probleem: Probleem):
        super().__init__(str(probleem))
        self.probleem = probleem


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps, with lines, refusing anchors on blocks and lists."""

    yaml_implicit_resolvers = {
        begin: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for begin, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, tekst: str):
        super().__init__(tekst)
        self.dubbel: list[Probleem] = []
        self.verwezen_tekens = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        regel = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            doel = self.anchors.get(event.anchor)
            if isinstance(doel, yaml.ScalarNode):
                self.verwezen_tekens += len(doel.value)
                if self.verwezen_tekens > MAX_VERWIJZINGEN_TEKENS:
                    raise LeesFout(
                        Probleem(
                            regel, "YAML", "de verwijzingen (*naam) staan samen voor te veel tekst"
                        )
                    )
        elif (
            isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
            and event.anchor is not None
        ):
            raise LeesFout(
                Probleem(
                    regel,
                    "YAML",
                    "een anker (&naam) mag alleen op een tekst staan, niet op een blok of lijst",
                )
            )
        return super().compose_node(parent, index)


def _blok(loader: _Loader, node: yaml.MappingNode) -> Blok:
    blok = Blok()
    blok.regel = node.start_mark.line + 1
    blok.regels = {}
    loader.flatten_mapping(node)
    for sleutel_node, waarde_node in node.value:
        sleutel = loader.construct_object(sleutel_node, deep=True)
        regel = sleutel_node.start_mark.line + 1
        if not isinstance(sleutel, str | int):
            loader.dubbel.append(Probleem(regel, "YAML", "een veldnaam moet tekst zijn"))
            continue
        if sleutel in blok:
            loader.dubbel.append(Probleem(regel, str(sleutel), "dit veld staat er twee keer"))
        blok[sleutel] = loader.construct_object(waarde_node, deep=True)
        blok.regels[sleutel] = regel
    return blok


def _lijst(loader: _Loader, node: yaml.SequenceNode) -> Lijst:
    lijst = Lijst(loader.construct_object(item, deep=True) for item in node.value)
    lijst.regel = node.start_mark.line + 1
    lijst.regels = [item.start_mark.line + 1 for item in node.value]
    return lijst


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _blok)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _lijst)


def yaml_lezen(tekst: str) -> tuple[object, list[Probleem]]:
    """The data of a file and the duplicate keys found; raises LeesFout for a file that cannot
    be read at all (too large, not YAML, a refused anchor, a control character)."""
    if len(tekst) > MAX_TEKENS:
        raise LeesFout(Probleem(None, "", "het bestand is groter dan 2 MB en wordt niet gelezen"))
    try:
        loader = _Loader(tekst)
    except yaml.reader.ReaderError as fout:  # a control character such as NUL
        regel = tekst.count("\n", 0, fout.position) + 1
        raise LeesFout(
            Probleem(regel, "YAML", f"ongeldig teken (#x{fout.character:04x}); verwijder het")
        ) from fout
    try:
        data = loader.get_single_data()
    except RecursionError:  # lists in lists in lists ...: the parser is recursive
        raise LeesFout(Probleem(None, "YAML", "het bestand is te diep genest")) from None
    except yaml.YAMLError as fout:
        mark = getattr(fout, "problem_mark", None)
        uitleg = getattr(fout, "problem", None) or str(fout)
        raise LeesFout(
            Probleem(mark.line + 1 if mark else None, "YAML", f"ongeldige YAML: {uitleg}")
        ) from fout
    finally:
        loader.dispose()
    return data, loader.dubbel


def regel_bij(data, pad) -> int | None:
    """The line of the value at `pad` (keys and indexes), or of the nearest block above it."""
    regel = getattr(data, "regel", None)
    huidig = data
    for stap in pad:
        if (
            isinstance(huidig, Blok)
            and stap in huidig
            or isinstance(huidig, Lijst)
            and isinstance(stap, int)
            and stap < len(huidig)
        ):
            regel = huidig.regel_van(stap)
        else:
            break
        huidig = huidig[stap]
        regel = getattr(huidig, "regel", None) or regel
    return regel
