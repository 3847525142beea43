"""Word lists and prose templates for synthetic LKj reports (places, programs, wording)."""

from __future__ import annotations


def _items(text: str) -> tuple[str, ...]:
    return tuple(text.split(";"))


REGENCIES = _items(
    "Lebak;Garut;Banyumas;Klaten;Sleman;Bantul;Jember;Sidoarjo;Gresik;Tuban;Bojonegoro;Pati;"
    "Kudus;Demak;Kendal;Brebes;Wonosobo;Kebumen;Cilacap;Sumedang;Majalengka;Indramayu;Subang;"
    "Karawang;Cianjur;Ciamis;Kuningan;Pandeglang;Lumajang;Jombang;Nganjuk;Ngawi;Ponorogo;"
    "Banyuwangi;Situbondo;Sumenep;Lamongan;Gowa;Maros;Bone;Sinjai;Bulukumba;Pinrang;Wajo;Agam;"
    "Solok;Tanah Datar;Kampar;Siak;Bengkalis;Deli Serdang;Langkat;Simalungun;Asahan;Badung;"
    "Gianyar;Tabanan;Buleleng;Lombok Timur;Sumbawa;Dompu;Ende;Sikka"
)
CITIES = _items(
    "Semarang;Surabaya;Medan;Makassar;Padang;Pekanbaru;Denpasar;Mataram;Kediri;Madiun;Tegal;"
    "Pekalongan;Salatiga;Cimahi;Banjar;Tasikmalaya;Cilegon;Batu;Parepare;Palopo;Bitung;Manado;"
    "Ambon;Ternate;Jambi;Bengkulu;Palembang;Pontianak;Singkawang;Samarinda;Balikpapan;Bontang;"
    "Tarakan;Banjarmasin;Banjarbaru;Palangka Raya"
)
DINAS = _items(
    "Pertanian;Kesehatan;Pendidikan dan Kebudayaan;Perhubungan;Lingkungan Hidup;Sosial;"
    "Komunikasi dan Informatika;Ketahanan Pangan;Perindustrian dan Perdagangan;"
    "Kependudukan dan Pencatatan Sipil;Pekerjaan Umum dan Penataan Ruang"
)
BADAN = (
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Badan Pendapatan Daerah", "Bapenda"),
)
PROGRAMS = _items(
    "Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi;Dukungan Manajemen;"
    "Penunjang Urusan Pemerintahan Daerah;Perencanaan, Pengendalian dan Evaluasi Pembangunan;"
    "Pengelolaan Keuangan Daerah;Penyelenggaraan Pengawasan;Kepegawaian Daerah;"
    "Penyediaan dan Pengembangan Prasarana Pertanian;Pemenuhan Upaya Kesehatan Masyarakat;"
    "Pengelolaan Pendidikan;Penyelenggaraan Lalu Lintas dan Angkutan Jalan;Pemberdayaan Sosial;"
    "Pengelolaan Informasi dan Komunikasi Publik;Penanggulangan Bencana;"
    "Pengendalian Pencemaran dan Kerusakan Lingkungan Hidup;Ketersediaan dan Akses Pangan"
)
KEG_VERBS = _items(
    "Pengelolaan;Penyusunan;Pelaksanaan;Fasilitasi;Pembinaan;Koordinasi;Penyediaan;Peningkatan;"
    "Pengembangan;Evaluasi;Perencanaan;Pemeliharaan;Penyelenggaraan;Pengendalian;Pendataan"
)
KEG_OBJECTS = _items(
    "Keuangan;Barang Milik Daerah;Sarana dan Prasarana Kantor;Data dan Informasi;Laporan Kinerja;"
    "Dokumen Perencanaan;Administrasi Kepegawaian;Kehumasan dan Protokol;Teknologi Informasi;"
    "Kearsipan;Pengadaan Barang dan Jasa;Logistik;Badan Adhoc;Sosialisasi dan Pendidikan Pemilih;"
    "Pengawasan Internal;Program dan Anggaran;Operasional Perkantoran;Gaji dan Tunjangan;"
    "Layanan Publik;Kerja Sama Antar Lembaga;Produk Hukum Daerah;Statistik Sektoral;"
    "Tanaman Pangan;Pelayanan Kesehatan Dasar;Angkutan Umum;Rehabilitasi Sosial;Cadangan Pangan"
)
KEG_SUFFIXES = ("", "", "", " serta Dukungan Sarana Prasarana", " Tingkat Daerah", " dan Pelaporan")
IND_OBJECTS = _items(
    "laporan keuangan;dokumen perencanaan;layanan administrasi perkantoran;data dan informasi;"
    "sarana dan prasarana kantor;barang milik daerah;aparatur yang mengikuti diklat;"
    "rekomendasi hasil pemeriksaan;pengaduan masyarakat;kegiatan sosialisasi;produk hukum;"
    "arsip aktif;pengadaan barang dan jasa;sistem informasi;kerja sama antar lembaga;"
    "pemutakhiran data;distribusi logistik;rapat koordinasi;publikasi kegiatan;"
    "usulan kenaikan pangkat;pembayaran honorarium;ketersediaan pangan;pelatihan teknis"
)
IND_QUALIFIERS = _items(
    "yang tepat waktu;yang akuntabel;sesuai standar;yang ditindaklanjuti;secara berjenjang;"
    "yang terselesaikan;sesuai jadwal;dengan predikat baik;;"
)
SAS_PREFIXES = _items(
    "Terwujudnya;Meningkatnya;Tersedianya;Terlaksananya;Tersusunnya;Terfasilitasinya"
)
SAS_OBJECTS = _items(
    "pengelolaan keuangan;tata kelola pemerintahan;pelayanan administrasi;kualitas perencanaan "
    "program dan anggaran;sistem informasi yang andal;kapasitas sumber daya aparatur;dukungan "
    "sarana dan prasarana;pengawasan internal;partisipasi masyarakat;tahapan kegiatan;koordinasi "
    "antar lembaga;pengelolaan logistik;layanan kehumasan dan informasi publik"
)
SAS_QUALIFIERS = _items(
    "yang efektif dan efisien;yang akuntabel;tepat waktu;sesuai ketentuan;yang tertib;"
    "yang berkualitas;di lingkungan {short}"
)
LOWER_TEMPLATES = (  # (wording, unit, objects): lower-is-better indicators
    ("Persentase kehilangan hasil {o}", "%", "panen;produksi padi;tangkapan ikan"),
    ("Angka pelanggaran {o}", "kasus", "disiplin pegawai;kode etik;lalu lintas"),
    ("Jumlah kasus {o}", "kasus", "sengketa administrasi;keterlambatan pelaporan;gizi buruk"),
    ("Persentase temuan {o} yang belum ditindaklanjuti", "%", "pemeriksaan BPK;audit internal"),
    ("Tingkat keluhan {o}", "%", "pelayanan publik;pengguna layanan"),
)
COUNT_NOUNS = {
    "kali": "pelaksanaan",
    "dokumen": "dokumen",
    "laporan": "laporan",
    "kegiatan": "kegiatan",
    "orang": "peserta",
}
KECAMATAN = ("Cibeber", "Menes", "Labuan", "Sukaresmi", "Cikeusik", "Panimbang", "Jiput", "Bojong")
EDUCATION = ("S3", "S2", "S1", "D4", "D3", "SLTA", "SMP")
GRADES = ("BB", "A", "B", "WTP")
PEOPLE = _items(
    "AHMAD FAUZI;SITI NURHALIZA;BUDI SANTOSO;DEWI LESTARI;HENDRA GUNAWAN;RINA MARLINA;"
    "AGUS SETIAWAN;YULIANTI;MUHAMMAD RIZAL;NOVITA SARI;IWAN KURNIAWAN;FITRIANI"
)
GARBAGE = ("]", "a", "i", "]]", "|")

# Prose templates; placeholders: {name} {short} {year} {region} {town} {prev}.
PENGANTAR = (
    "Puji dan syukur kami panjatkan ke hadirat Allah SWT, Tuhan Yang Maha Esa, karena dengan "
    "Rahmat dan Karunia-Nya lah sehingga Laporan Kinerja {name} Tahun {year} ini dapat "
    "diselesaikan meskipun jauh dari kesempurnaan.",
    "Laporan Kinerja {short} merupakan wadah bagi pelaporan kinerja dalam rangka meningkatkan "
    "akuntabilitas dan pencapaian kinerja serta gambaran kinerja {name} selama Tahun {year}.",
    "Namun demikian, kami menyadari masih terdapat kelemahan yang perlu terus diperbaiki dalam "
    "upaya mengimplementasikan Sistem Akuntabilitas Kinerja Instansi Pemerintah. Oleh karena "
    "itu, masukan dan saran masih sangat kami harapkan.",
)
# The staff paragraphs of BAB I, filled with the staff counts and shares of the report.
STAFF = (
    "Dalam menjalankan tugas dan fungsinya {{name}} didukung oleh {asn} Aparatur "
    "Sipil Negara dan {non_asn} Orang PPNPN dari berbagai keahlian dan latar "
    "belakang tingkat pendidikan.",
    "Jumlah Sumber Daya Manusia pada {{name}} sejumlah {total} Orang, dengan status "
    "kepegawaian dibagi menjadi 2 (dua) yaitu :",
    "1. Pegawai dengan status Pegawai ASN, yang diangkat dan dimiliki oleh instansi "
    "sebanyak {asn} orang atau {asn_share}%;",
    "2. Pegawai dengan status honorer (PPNPN) adalah sebanyak {non_asn} orang atau "
    "{non_asn_share}%.",
)

# The analysis under each sasaran of chapter III; {names} are its indicators.
SUPPORT = (
    "Untuk mendukung sasaran meningkatnya {names}, {{short}} melaksanakan "
    "berbagai kegiatan sesuai dengan rencana kerja."
)

FILLER = (
    "Laporan Kinerja (LKj) merupakan bentuk akuntabilitas dari pelaksanaan tugas dan fungsi "
    "yang dipercayakan kepada setiap instansi pemerintah atas penggunaan anggaran. Hal "
    "terpenting dalam penyusunan laporan adalah pengukuran kinerja dan evaluasi serta "
    "pengungkapan secara memadai hasil analisis terhadap pengukuran kinerja.",
    "Sebagai instansi pemerintah, {name} wajib menyampaikan Laporan Kinerja yang merupakan wujud "
    "pertanggungjawaban terhadap pelaksanaan kinerjanya yang disampaikan setiap akhir tahun "
    "anggaran. Laporan tersebut menguraikan tingkat capaian kinerja baik keberhasilan maupun "
    "kegagalan semua program dan kegiatan yang telah dilaksanakan.",
    "Maksud penyusunan laporan ini menyajikan hasil-hasil yang telah dicapai berdasarkan "
    "indikator kinerja yang ditetapkan dalam Perjanjian Kinerja Tahun {year}, sekaligus "
    "memberikan umpan balik bagi peningkatan kinerja di lingkungan {short}.",
    "Undang-undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional "
    "mengamanatkan bahwa setiap instansi pemerintah dalam melaksanakan kebijakan, program dan "
    "kegiatan diwajibkan untuk membuat Rencana Strategis yang memuat visi, misi, tujuan, "
    "strategi, kebijakan, program, kegiatan dan pendanaannya.",
    "Pencapaian target kinerja {short} tidak hanya didasarkan pada komitmen namun juga "
    "memerlukan keterlibatan dan dukungan aktif segenap komponen aparatur, masyarakat, dan "
    "pemangku kepentingan di {region}.",
    "Koordinasi dengan perangkat daerah dan instansi vertikal di {region} dilaksanakan secara "
    "berkala melalui rapat koordinasi, monitoring dan evaluasi, sehingga setiap hambatan dapat "
    "segera ditindaklanjuti sesuai ketentuan peraturan perundang-undangan.",
    "Capaian tersebut tidak lepas dari upaya seluruh jajaran {short} yang konsisten dalam "
    "memperbaiki kinerjanya, baik dengan menindaklanjuti saran hasil evaluasi maupun "
    "perbaikan yang dihasilkan dari monitoring, evaluasi serta reviu oleh aparat pengawas.",
)
TUGAS = _items(
    "Membantu penyusunan program dan anggaran;Memberikan dukungan teknis administratif;"
    "Melaksanakan pengelolaan keuangan dan barang milik negara;Menyusun laporan "
    "pertanggungjawaban keuangan;Memelihara arsip dan dokumen;Memberikan layanan administrasi, "
    "ketatausahaan, dan kepegawaian;Membantu perumusan dan penyusunan rancangan keputusan;"
    "Melaksanakan tugas lain yang diberikan sesuai dengan peraturan perundang-undangan"
)
PENUTUP = (
    "Kiranya Laporan Kinerja {short} ini dapat memenuhi kewajiban sekaligus menjadi sumber "
    "informasi dalam pengambilan keputusan guna peningkatan kinerja di masa mendatang.",
    "Sebagai penutup, {name} mengharapkan agar Laporan Kinerja Tahun Anggaran {year} ini dapat "
    "memenuhi kewajiban kami kepada para pemangku kepentingan dan menjadi bahan pertimbangan "
    "dalam pengambilan keputusan.",
)
